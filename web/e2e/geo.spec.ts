import { expect, test } from '@playwright/test';
import { befriend, expectNoConsoleErrors, landed, newUser, shot } from './helpers';

test("a friend's live location appears on the other's map", async ({ browser }) => {
  const alice = await newUser(browser, 'alice');
  const bob = await newUser(browser, 'bob');
  const ready = await landed(alice, 'GET', '/v1/location/live');
  if (!ready) console.log('BACKEND NOT LANDED: geo-service does not answer GET /v1/location/live (branch `geo`); this case is skipped');
  test.skip(!ready, 'BACKEND NOT LANDED: geo-service (GET /v1/location/live answers 404)');
  await befriend(alice, bob);

  await bob.page.getByRole('link', { name: 'Map' }).click();
  await alice.page.getByRole('link', { name: 'Map' }).click();
  const share = alice.page.getByRole('form', { name: 'Share my location' });
  await share.getByLabel('bob').check();
  await share.getByLabel('For').selectOption('30');
  await share.getByLabel('Precision').selectOption('exact');
  await share.getByRole('button', { name: 'Start sharing' }).click();
  await expect(alice.page.getByRole('list', { name: 'My shares' })).toContainText('exact');
  const pos = alice.page.getByRole('form', { name: 'Send a position' });
  await pos.getByLabel('Latitude').fill('52.5200');
  await pos.getByLabel('Longitude').fill('13.4050');
  await pos.getByRole('button', { name: 'Send position' }).click();
  await shot(alice.page, 'map-sharing');

  const entry = bob.page.getByTestId('live-list').locator('li', { hasText: 'alice' });
  await expect(entry).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
  await expect(bob.page.locator('.live-pin')).toHaveCount(1);
  await entry.getByRole('button', { name: 'alice' }).click();
  await shot(bob.page, 'map-friend-live');

  expectNoConsoleErrors(alice);
  expectNoConsoleErrors(bob);
});
