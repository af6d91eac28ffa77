// A second, hand-written set not used while tuning the generator: harder decoys (keyword names with
// harmless values, random-looking public data) and secrets without the usual names or shapes.
// Known gap, not listed: a short all-digit PIN (`pin: "4921"`) reads as a number.
import { classifyVariables, makeRuleContext } from '../../src/classify/index.js';
import { builtinRules } from '../../rules/index.js';
import { cloneDefaultConfig } from '../../src/config/index.js';
const config = cloneDefaultConfig();
const decoys: Array<[string, unknown]> = [
  ['api_version', '2024-01-01'], ['token_ttl', '3600s'], ['key_repeat_rate', 30], ['session_name', 'main'], ['secret_store', 'keychain'],
  ['password_store_dir', '~/.password-store'], ['auth_provider', 'github'], ['cookie_domain', '.example.com'], ['private_mode', true],
  ['gpg_key', 'A1B2C3D4E5F60718A1B2C3D4E5F60718A1B2C3D4'], ['key', 'F12'], ['key', '<leader>ff'], ['api_host', 'api.openai.com'],
  ['secrets_backend', 'onepassword'], ['token_prefix', 'ghp_'], ['ssh_key', '~/.ssh/id_ed25519.pub'], ['credential_helper', 'osxkeychain'],
  ['credential.helper', 'store --file ~/.git-credentials'], ['pinentry', 'pinentry-mac'], ['apikey_env', 'OPENAI_API_KEY'],
  ['signing_key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'], ['wallpaper', 'Pictures/Wallpapers/MiyabiZenlessZoneZero.gif'],
  ['font_features', 'calt,liga,ss01,ss02,cv01'], ['docker_image', 'ghcr.io/rain/dev:2024.05.01'], ['image_digest', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['npm_registry', 'https://registry.npmjs.org/'], ['tailscale_hostname', 'laptop-7f3a'], ['wifi_ssid', 'Rain5G-2.4'], ['mac_address', 'a4:83:e7:12:34:56'],
  ['homebrew_prefix', '/opt/homebrew'], ['java_home', '/Library/Java/JavaVirtualMachines/temurin-21.jdk/Contents/Home'], ['password_length', 24],
  ['totp_issuer', 'GitHub'], ['license', 'MIT'], ['license_key_file', '~/.config/app/license'], ['base64_logo', 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='],
];
const secrets: Array<[string, unknown]> = [
  ['wifi_psk', 'sunny-garden-42'], ['vpn_psk', 'Kq8vX2mLp9'], ['bearer', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
  ['mail_pass', 'Tr0ub4dor&3'], ['restic_password', 'hunter2'], ['nextcloud_app_password', 'AbCdE-FgHiJ-KlMnO-PqRsT-UvWxY'], ['discord_token', 'MTA1NjY3ODkwMTIzNDU2Nzg5.GhIjKl.MnOpQrStUvWxYz0123456789abcdEFGHIJ'],
  ['openai', 'sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8z'], ['backup_key', 'b64:Q2hhbmdlZCB0aGlzIGtleSBmb3IgdGVzdGluZyBvbmx5IQ=='],
  ['netrc', 'machine api.example.com login rain password Zk29fjQ0wPq'], ['deploy_hook', 'https://hooks.example.com/deploy?secret=Zk29fjQ0wPqLm'],
];
test('hard decoys are not secrets', async () => {
  const out = await classifyVariables(decoys.map(([k, v]) => makeRuleContext([k], v, config)), { rules: builtinRules, config });
  expect(out.filter((v) => v.class === 'secret').map((v) => v.path.join('.'))).toEqual([]);
});

test('secrets without the usual names or shapes are found', async () => {
  const out = await classifyVariables(secrets.map(([k, v]) => makeRuleContext([k], v, config)), { rules: builtinRules, config });
  expect(out.filter((v) => v.class !== 'secret').map((v) => `${v.path.join('.')} -> ${v.class}`)).toEqual([]);
});
