// The one registry of built-in rules, in evaluation order (order only affects the order of
// reasons). The scan (src/scan/analyse.ts) hands this list, with the user's rules after it, to
// variable classification and to literal detection; each rule says which it judges (`judges`:
// data variables, file assignments or both), and a rule with a `detector` also has its format
// found anywhere in a file. Adding a detector: its module here and its line below, nothing else.
import type { Rule } from '../src/classify/types.js';
import secretlint from './secretlint.js';
import knownPattern from './known-pattern.js';
import nameKeyword from './name-keyword.js';
import entropy from './entropy.js';
import context from './context.js';
import reference from './reference.js';
import personalData from './personal-data.js';
import safeShape from './safe-shape.js';
import urlCredentials from './url-credentials.js';
import discordToken from './discord-token.js';
import openvpnStaticKey from './openvpn-static-key.js';
import puttyPrivateKey from './putty-private-key.js';
import publicMaterial from './public-material.js';
import encodedPrivateKey from './encoded-private-key.js';

export const builtinRules: readonly Rule[] = [secretlint, knownPattern, discordToken, openvpnStaticKey, puttyPrivateKey, nameKeyword, entropy, urlCredentials, context, reference, personalData, safeShape, publicMaterial, encodedPrivateKey];
