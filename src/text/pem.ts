// PEM armour lines (`-----BEGIN OPENSSH PRIVATE KEY-----`) are not secret: they appear in docs and
// scripts, and stay behind when a purge replaces a key's body line by line.
const ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

export function isArmourLine(line: string): boolean {
  return ARMOUR.test(line);
}
