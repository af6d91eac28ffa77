// The built-in rules, in evaluation order (order only affects the order of reasons).
import type { Rule } from './types.js';
import secretlint from '../../rules/secretlint.js';
import knownPattern from '../../rules/known-pattern.js';
import nameKeyword from '../../rules/name-keyword.js';
import entropy from '../../rules/entropy.js';
import context from '../../rules/context.js';
import reference from '../../rules/reference.js';
import personalData from '../../rules/personal-data.js';
import safeShape from '../../rules/safe-shape.js';
import urlCredentials from '../../rules/url-credentials.js';
import discordToken, { detector as discordDetector } from '../../rules/discord-token.js';
import openvpnStaticKey, { detector as openvpnDetector } from '../../rules/openvpn-static-key.js';
import puttyPrivateKey, { detector as puttyDetector } from '../../rules/putty-private-key.js';
import publicMaterial from '../../rules/public-material.js';
import encodedPrivateKey from '../../rules/encoded-private-key.js';
import type { TextDetector } from './detector.js';

/** Formats found anywhere in a text (literal detection runs them over every file). */
export const builtinDetectors: readonly TextDetector[] = [discordDetector, openvpnDetector, puttyDetector];

export const builtinRules: readonly Rule[] = [secretlint, knownPattern, discordToken, openvpnStaticKey, puttyPrivateKey, nameKeyword, entropy, urlCredentials, context, reference, personalData, safeShape, publicMaterial, encodedPrivateKey];
