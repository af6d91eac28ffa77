// A detector that exists only for the registry test: written exactly as a module of rules/ is
// (detector, samples, default-exported rule), but kept out of the registry so that the test can
// show that handing it to the scan is all a new detector needs.
import { detectorRule, regexHits, type DetectorSamples, type TextDetector } from '../../src/classify/detector.js';

// Acme deploy keys: `acme_` and 24 lower-case letters or digits (a made-up provider).
const KEY = /(?<![A-Za-z0-9_])acme_[a-z0-9]{24}(?![A-Za-z0-9_])/g;

export const detector: TextDetector = {
  id: 'acme-token',
  label: 'Acme deploy key',
  hint: 'acme_',
  find: (text) => regexHits(text, KEY),
};

export const samples: DetectorSamples = {
  secret: ['ACME = acme_0a1b2c3d4e5f6g7h8i9j0k1l'],
  harmless: ['acme_short', 'my_acme_0a1b2c3d4e5f6g7h8i9j0k1l'],
};

export default detectorRule(detector, 'Acme deploy keys (test-only detector)');
