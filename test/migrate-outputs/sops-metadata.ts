// The `sops:` block of a hand-made sops YAML file, as sops 3.x writes it: one age recipient, the
// last-modified time and the encrypted MAC (the caller encrypts it: its data key, its scheme).
export function sopsMetadataLines(o: { recipient: string; armored: string; lastmodified: string; encryptedMac: string; version: string }): string[] {
  return [
    'sops:',
    '    age:',
    `        - recipient: ${o.recipient}`,
    '          enc: |',
    ...o.armored.trimEnd().split('\n').map((l) => `            ${l}`),
    `    lastmodified: "${o.lastmodified}"`,
    `    mac: ${o.encryptedMac}`,
    '    unencrypted_suffix: _unencrypted',
    `    version: ${o.version}`,
  ];
}
