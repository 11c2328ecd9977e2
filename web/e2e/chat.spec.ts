import { expect, test } from '@playwright/test';
import { befriend, expectNoConsoleErrors, newUser, shot } from './helpers';

test('two users chat in real time: message, typing, read receipt; offline and back sees every message once', async ({ browser }) => {
  const alice = await newUser(browser, 'alice');
  const bob = await newUser(browser, 'bob');

  // alice finds bob and asks; bob accepts (People screen)
  await alice.page.getByRole('link', { name: 'People' }).click();
  await alice.page.getByLabel('Search by handle').fill(bob.handle);
  await alice.page.getByRole('button', { name: 'Add friend' }).click();
  await expect(alice.page.getByText('Request sent to @' + bob.handle)).toBeVisible();
  await shot(alice.page, 'people-request-sent');
  await bob.page.getByRole('link', { name: 'People' }).click();
  await bob.page.getByRole('button', { name: 'Accept' }).click();
  await expect(bob.page.getByRole('region', { name: 'Friends' }).getByText('@' + alice.handle)).toBeVisible();
  await shot(bob.page, 'people-friends');

  // alice opens the DM from bob's entry
  await alice.page.getByLabel('Search by handle').fill(bob.handle);
  await alice.page.getByRole('button', { name: 'Message' }).first().click();
  await expect(alice.page.getByRole('heading', { name: 'bob' })).toBeVisible();
  const aliceBox = alice.page.getByRole('textbox', { name: 'Message' });

  // bob opens the conversation when it appears in his list
  await bob.page.getByRole('link', { name: 'Chats' }).click();
  await aliceBox.fill('hello');
  await aliceBox.fill(''); // typing signal went out
  await aliceBox.pressSequentially('hello bob, **markdown** <b>no html</b>');
  await aliceBox.press('Enter');
  await bob.page.getByRole('link', { name: /alice/ }).click();
  const bobLog = bob.page.getByRole('log', { name: 'Messages' });
  await expect(bobLog.getByTestId('message').filter({ hasText: 'hello bob' })).toHaveCount(1);
  await expect(bobLog.locator('strong', { hasText: 'markdown' })).toBeVisible(); // rendered
  await expect(bobLog.locator('b')).toHaveCount(0); // raw HTML never rendered
  // read receipt: bob has it on screen, alice sees "Seen by bob"
  await expect(alice.page.getByTestId('receipt')).toHaveText(/Seen by bob/);
  await shot(alice.page, 'chat-receipt');

  // typing: bob types, alice sees it
  await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('hi al');
  await expect(alice.page.getByTestId('typing')).toHaveText('bob is typing…');
  await shot(alice.page, 'chat-typing');
  await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(alice.page.getByRole('log', { name: 'Messages' }).getByTestId('message').filter({ hasText: 'hi al' })).toHaveCount(1);
  await shot(bob.page, 'chat-bob');

  // bob goes offline; alice sends three; bob writes one while offline
  await bob.ctx.setOffline(true);
  await expect(bob.page.getByTestId('connection')).toHaveText(/Offline/);
  for (const t of ['while you were away 1', 'while you were away 2', 'while you were away 3']) {
    await aliceBox.fill(t);
    await aliceBox.press('Enter');
    await expect(alice.page.getByRole('log', { name: 'Messages' }).getByTestId('message').filter({ hasText: t })).toHaveCount(1);
  }
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('sent from a tunnel');
  await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bob.page.getByTestId('pending')).toHaveText(/sending/);
  await shot(bob.page, 'chat-offline');

  await bob.ctx.setOffline(false);
  await expect(bob.page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
  for (const t of ['while you were away 1', 'while you were away 2', 'while you were away 3']) {
    await expect(bobLog.getByTestId('message').filter({ hasText: t })).toHaveCount(1);
  }
  await expect(bob.page.getByTestId('pending')).toHaveCount(0);
  await expect(bobLog.getByTestId('message').filter({ hasText: 'sent from a tunnel' })).toHaveCount(1);
  await expect(alice.page.getByRole('log', { name: 'Messages' }).getByTestId('message').filter({ hasText: 'sent from a tunnel' })).toHaveCount(1);
  // every seq exactly once on bob's screen
  const seqs = await bobLog.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(seqs.length).toBe(6);
  await shot(bob.page, 'chat-back-online');

  // phone width
  await bob.page.setViewportSize({ width: 390, height: 800 });
  await shot(bob.page, 'chat-phone');

  expectNoConsoleErrors(alice);
  expectNoConsoleErrors(bob, [/ERR_INTERNET_DISCONNECTED/, /WebSocket/]);
  await alice.ctx.close();
  await bob.ctx.close();
  void befriend;
});
