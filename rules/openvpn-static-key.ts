import { detectorRule, regexHits, type DetectorSamples, type TextDetector } from '../src/classify/detector.js';

// The whole block, key lines included (inline in a profile's <tls-auth>/<tls-crypt> or a ta.key).
const BLOCK = /-----BEGIN OpenVPN (?:Static key V1|tls-crypt-v2 (?:client|server) key)-----\r?\n(?:[ \t]*[0-9A-Za-z+/=]{16,}[ \t]*\r?\n){2,}-----END OpenVPN (?:Static key V1|tls-crypt-v2 (?:client|server) key)-----/g;

export const detector: TextDetector = {
  id: 'openvpn-static-key',
  label: 'OpenVPN static key',
  hint: '-----BEGIN OpenVPN ',
  multiline: true,
  find: (text) => regexHits(text, BLOCK),
};

const hexLines = Array.from({ length: 16 }, (_, i) => ((i * 0x9e3779b1) >>> 0).toString(16).padStart(8, '0').repeat(4)).join('\n');

export const samples: DetectorSamples = {
  secret: [`-----BEGIN OpenVPN Static key V1-----\n${hexLines}\n-----END OpenVPN Static key V1-----`],
  harmless: [
    'tls-auth ta.key 1',
    '# the static key lives in ta.key (-----BEGIN OpenVPN Static key V1----- ... not kept here)',
    '-----BEGIN OpenVPN Static key V1-----\n-----END OpenVPN Static key V1-----',
  ],
};

export default detectorRule(detector, 'OpenVPN static key blocks (tls-auth, tls-crypt)');
