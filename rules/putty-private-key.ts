import { detectorRule, regexHits, type DetectorSamples, type TextDetector } from '../src/classify/detector.js';

// A PuTTY key file from its header to its MAC: the Private-Lines are the key (a finding of only
// the header or the MAC would leave the key lines in a purged history).
const PPK = /PuTTY-User-Key-File-[23]: [\w@.-]+\r?\n(?:[A-Za-z-]+: [^\r\n]*\r?\n(?:[A-Za-z0-9+/=]+\r?\n)*?)*?Private-Lines: \d+\r?\n(?:[A-Za-z0-9+/=]+\r?\n)+Private-(?:MAC|Hash): [0-9a-fA-F]+/g;

export const detector: TextDetector = {
  id: 'putty-private-key',
  label: 'PuTTY private key',
  hint: 'PuTTY-User-Key-File-',
  multiline: true,
  find: (text) => regexHits(text, PPK),
};

export const samples: DetectorSamples = {
  secret: [
    [
      'PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: rain@laptop', 'Public-Lines: 2',
      'AAAAC3NzaC1lZDI1NTE5AAAAIB8fnRDNlYDwuuBhNoUqYLlMn5BsNGjnMG/HM7XY', 'l5x0', 'Private-Lines: 1',
      'AAAAIG1NtnhTTlswhS3T+qJwjVyfogdN5/uIR+W/2W6qin2GGSWNAw==', 'Private-MAC: a2f5b44d5e7fa22807557f0ac10ac1492ce5a83b90bc8e5e0633f660666333f0',
    ].join('\n'),
  ],
  harmless: [
    '---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rain@laptop"\nAAAAC3NzaC1lZDI1NTE5AAAAIB8fnRDNlYDwuuBhNoUqYLlMn5BsNGjnMG/HM7XYl5x0\n---- END SSH2 PUBLIC KEY ----',
    'PuTTY-User-Key-File-3: ssh-ed25519 is the first line of a .ppk file',
  ],
};

export default detectorRule(detector, 'PuTTY private key files (.ppk), key lines included');
