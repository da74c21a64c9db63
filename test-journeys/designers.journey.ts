// The designers' page (npm start's first screen), over the chat server: the product alive at once.
import { journey } from './harness.ts';

const panel = (id: string) => `#panel-${id}`;

journey('designers: the first screen shows Cam and Ivy chatting, both can write, and a dark switch that is remembered', async (world) => {
  const designer = await world.visit('/', { size: { width: 1440, height: 900 } });
  await designer.find('#live[data-ready=true]').waitFor({ state: 'attached' });
  for (const id of ['cam', 'ivy']) await designer.reach(`${panel(id)} volley-composer textarea`);
  await designer.type(`${panel('cam')} volley-composer textarea`, 'Designing with you, Ivy');
  await designer.press(designer.find(panel('cam')).getByRole('button', { name: 'Send', exact: true }));
  await designer.see(designer.find(panel('ivy')).locator('volley-thread [part~="bubble"]').filter({ hasText: 'Designing with you, Ivy' }));
  await designer.press(designer.page.getByRole('switch', { name: 'Dark theme' }));
  await designer.page.reload();
  await designer.find('#live[data-ready=true]').waitFor({ state: 'attached' });
  if ((await designer.page.getByRole('switch', { name: 'Dark theme' }).getAttribute('aria-checked')) !== 'true') throw new Error('the dark theme was not remembered');
  await designer.shot('designers-dark');
});
