// Team claim (seed 001) and customer care (seed 002), played by their people over the server, with
// the server's time moved on instead of waiting: a claim race has one winner, a decline passes the
// chat on, three missed offers make a member unavailable until she goes available again; a care
// chat goes unanswered → active → finished and the figures count it.
import assert from 'node:assert/strict';
import { journey, type Person } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** The claim window (routing.claimWindowMs of the demo's paid-chat product), and a little more. */
const PAST_THE_WINDOW = 16_000;
const offerFrom = (member: Person, name: string) => member.find('volley-incoming [part="card"]').filter({ hasText: name });

journey('team claim: a race has one winner, a decline passes the chat on, three misses make a member unavailable', async (world) => {
  const [ann, ben, cy] = [await world.open('ann'), await world.open('ben'), await world.open('cy', { size: 'phone' })];

  // T2: Ann and Ben press Claim in the same moment: exactly one opens the chat, the other is told.
  const gus = await world.open(await world.customer('Gus'), { with: 'ivy' });
  await write(gus, 'Who can help me?');
  for (const member of [ann, ben, cy]) await member.see(offerFrom(member, 'Gus'));
  const [annClaim, benClaim] = [await ann.reach(offerFrom(ann, 'Gus').locator('[part="claim"]')), await ben.reach(offerFrom(ben, 'Gus').locator('[part="claim"]'))];
  await Promise.all([ann.page.mouse.click(annClaim.x, annClaim.y), ben.page.mouse.click(benClaim.x, benClaim.y)]);
  const told = async (member: Person) => member.find('volley-incoming').getByText("Gus's chat was claimed by someone else.").count();
  await cy.seeText("Gus's chat was claimed by someone else.");
  const winners = [];
  for (const member of [ann, ben]) {
    await member.page.waitForFunction(() => true);
    if ((await member.find('volley-chat [part="header"] h2').filter({ hasText: 'Gus' }).count()) === 1) winners.push(member.user);
  }
  assert.equal(winners.length, 1, `exactly one claim wins (${winners.join(', ') || 'nobody'})`);
  const loser = winners[0] === 'ann' ? ben : ann;
  await loser.seeText("Gus's chat was claimed by someone else.");
  assert.equal(await told(winners[0] === 'ann' ? ann : ben), 0, 'the winner is not told it lost');

  // T3: Ann declines and stays available; Ben claims.
  const hal = await world.open(await world.customer('Hal'), { with: 'ivy' });
  await write(hal, 'A question about my reading');
  await ann.press(offerFrom(ann, 'Hal').getByRole('button', { name: 'Decline', exact: true }));
  await offerFrom(ann, 'Hal').waitFor({ state: 'detached' });
  await ben.press(offerFrom(ben, 'Hal').locator('[part="claim"]'));
  await ben.see(ben.find('volley-chat [part="header"] h2').filter({ hasText: 'Hal' }));

  // T4, T5: Cy lets three offers run out; the third makes her unavailable, and "Go available" brings her back.
  for (const name of ['Ida', 'Jo', 'Kai']) {
    const customer = await world.open(await world.customer(name), { with: 'ivy' });
    await write(customer, `${name} is waiting`);
    await cy.see(offerFrom(cy, name));
    await world.advance(PAST_THE_WINDOW);
    await cy.seeText(`Missed: nobody claimed ${name}'s chat in time. It waits in the team queue.`);
    await customer.page.close();
  }
  await cy.seeText('You missed 3 chats in a row, so you were made unavailable.');
  await cy.shot('unavailable-after-three');
  await cy.press(cy.button('Go available'));
  await cy.find('volley-incoming').getByText('You missed 3 chats in a row, so you were made unavailable.').waitFor({ state: 'detached' });
});

journey('care: a chat goes unanswered → active → finished, the figures count it, a new message reopens it', async (world) => {
  const fay = await world.open(await world.customer('Fay'), { with: 'acme' });
  await write(fay, 'My order never arrived');
  const kim = await world.open('kim');
  await kim.see(row(kim, 'Fay').getByText('Unanswered'));
  await kim.press(row(kim, 'Fay'));
  await write(kim, 'Sorry about that, I am checking.');
  await kim.see(row(kim, 'Fay').getByText('Active'));
  await fay.see(bubble(fay, 'Sorry about that, I am checking.'));
  await kim.press(kim.button('Finish chat'));
  await kim.see(row(kim, 'Fay').getByText('Finished'));
  await kim.press(kim.button('Stats'));
  const figures = kim.find('volley-care-stats [part="figures"]');
  await kim.see(figures);
  await kim.shot('care-stats');
  const text = await figures.innerText();
  assert.match(text, /Finished\s*1/, `the figures count the finished chat:\n${text}`);
  assert.match(text, /Answered\s*1/, `the figures count the answered chat:\n${text}`);
  // K2: the follower writes again, and the chat is unanswered again.
  await write(fay, 'It is here now, thank you!');
  await kim.see(row(kim, 'Fay').getByText('Unanswered'));
});
