import { expect, test } from '@playwright/test';
import { befriend, expectNoConsoleErrors, landed, newUser, shot } from './helpers';

test("an SOS reaches the contact's screen", async ({ browser }) => {
  const alice = await newUser(browser, 'alice');
  const bob = await newUser(browser, 'bob');
  const ready = await landed(alice, 'PUT', '/v1/safety/contacts');
  if (!ready) console.log('BACKEND NOT LANDED: geo-service does not answer PUT /v1/safety/contacts (branch `geo`); this case is skipped');
  test.skip(!ready, 'BACKEND NOT LANDED: geo-service safety (PUT /v1/safety/contacts answers 404)');
  await befriend(alice, bob);

  await alice.page.getByRole('link', { name: 'Map' }).click();
  const contacts = alice.page.getByRole('form', { name: 'Safety contacts' });
  await contacts.getByLabel('bob').check();
  await contacts.getByRole('button', { name: 'Save contacts' }).click();
  await expect(alice.page.getByText('Safety contacts saved')).toBeVisible();

  await alice.page.getByRole('button', { name: 'SOS', exact: true }).click();
  const confirm = alice.page.getByRole('dialog', { name: 'Send an SOS?' });
  await expect(confirm).toBeVisible();
  await shot(alice.page, 'sos-confirm');
  await confirm.getByRole('button', { name: 'Send SOS' }).click();
  await expect(alice.page.getByText('SOS sent to your safety contacts')).toBeVisible();

  const alert = bob.page.getByTestId('sos-alert');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('SOS from alice');
  await shot(bob.page, 'sos-received');
  await alert.getByRole('button', { name: /acknowledge/ }).click();
  await expect(alert).toContainText('Acknowledged');

  expectNoConsoleErrors(alice);
  expectNoConsoleErrors(bob);
});
