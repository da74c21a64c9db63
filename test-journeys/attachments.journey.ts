// Attachments reach the other side: a customer attaches a photo, a video and a PDF to Acme Coffee on a host
// page (the script tag over the real server, strict CSP), they upload to the chat server (another
// origin than the page), and Kim, the care agent, sees the photo and the video player in the chat and the PDF as a
// download link, both served by the chat server. The harness fails on any CSP violation or
// failed request, so the previews must load under the page's policy.
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { journey, type Size } from './harness.ts';
import { bubble, row } from './helpers.ts';

/** A real PNG, 120×80, of one colour: something to see in the chat. */
function png(): Buffer {
  const [width, height] = [120, 80];
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xc0, 0x6a, 0x2b]))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** The start of an MP4 file (its `ftyp` box): enough for the K6 content check and a video player in the thread. */
const MP4 = Buffer.from([0, 0, 0, 24, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isommp41')]);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`attachments at ${size} size: a photo, a video and a PDF upload to the chat server and reach the care agent`, async (world) => {
    const name = size === 'phone' ? 'Pia' : 'Dee';
    const customer = await world.open(await world.customer(name), { with: 'acme', size });

    // Attach opens the file chooser; both files are accepted and listed.
    const chooser = customer.page.waitForEvent('filechooser');
    await customer.press(customer.button('Attach a photo, video or document'));
    await (await chooser).setFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: png() },
      { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'clip.mp4', mimeType: 'video/mp4', buffer: MP4 },
    ]);
    await customer.see(customer.find('volley-attachment-picker [part~="thumbnail"]'));
    await customer.see(customer.find('volley-attachment-picker [part~="file"]').filter({ hasText: 'receipt.pdf' }));
    const uploads: string[] = [];
    customer.page.on('request', (request) => { if (request.method() === 'POST') uploads.push(new URL(request.url()).pathname); });
    const text = `My receipt and the bag (${size})`;
    await customer.type('volley-composer textarea', text);
    await customer.press(customer.button('Send'));
    await customer.see(bubble(customer, text));

    // Uploaded to the chat server, not to the page's origin: the message carries the server's address.
    const server = world.server.url;
    const mine = customer.find('volley-thread a[part~="file"]').filter({ hasText: 'receipt.pdf' });
    await customer.see(mine);
    assert.ok((await mine.getAttribute('href'))!.startsWith(`${server}/uploads/`), 'the link is on the chat server');
    assert.deepEqual(uploads.filter((path) => path === '/uploads'), ['/uploads', '/uploads', '/uploads']);
    const myPhoto = customer.find('volley-thread img[part~="media"]');
    await customer.see(myPhoto);
    // My own document link is legible in my bubble: its text is not the chip's background.
    const [ink, paper] = await mine.evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]);
    assert.notEqual(ink, paper);
    await customer.shot(`attachments-sent-${size}`);

    // Kim opens the chat from her list (a care agent takes a chat by answering it, K2): the photo
    // shows, loaded from the chat server; the PDF is a download link.
    const kim = await world.open('kim', { size });
    await kim.press(row(kim, name));
    const photo = kim.find('volley-thread img[part~="media"]');
    await kim.reach(photo);
    assert.ok((await photo.getAttribute('src'))!.startsWith(`${server}/uploads/`));
    assert.ok(await photo.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)) === 120, 'the photo loaded');
    await kim.reach(kim.find('volley-thread video[part~="media"]'));
    const receipt = kim.find('volley-thread a[part~="file"]').filter({ hasText: `receipt.pdf (${PDF.length} B)` });
    await kim.reach(receipt);
    const href = (await receipt.getAttribute('href'))!;
    assert.ok(href.startsWith(`${server}/uploads/`));
    const served = await fetch(href);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.match(served.headers.get('content-disposition') ?? '', /^attachment; filename="receipt.pdf"/);
    await kim.shot(`attachments-received-${size}`);
  });
}
