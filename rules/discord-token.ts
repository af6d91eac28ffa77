import { detectorRule, regexHits, type DetectorSamples, type TextDetector } from '../src/classify/detector.js';

// Discord bot tokens: base64 of the bot's numeric id, a 6-character timestamp, an HMAC part.
const TOKEN = /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_-])/g;

/** The first part must decode to a Discord snowflake (17–20 digits): that rules out look-alikes. */
function idPartIsSnowflake(token: string): boolean {
  const id = token.slice(0, token.indexOf('.'));
  const decoded = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  return /^\d{17,20}$/.test(decoded);
}

export const detector: TextDetector = {
  id: 'discord-token',
  label: 'Discord bot token',
  hint: '.',
  find: (text) => (/[MNO]/.test(text) ? regexHits(text, TOKEN, idPartIsSnowflake) : []),
};

export const samples: DetectorSamples = {
  secret: [
    'BOT = "MTE4NzM2MjA1OTE4MzQyNzY0NQ.YQn8pL.EfZscj-aDqes8wR1vLgbAcDoKPh5oOJgsDzfEd"',
    'DISCORD=OTQyODE3MzY1MDI4MTc0NjI5.86Lpsy.DYSJELboCWdfusb5w0f5vJIGSS_',
  ],
  harmless: [
    'AVATAR = "avatars/MTE4NzM2MjA1OTE4MzQyNzY0NQ.png"',
    // The right shape, but the first part is not a base64 snowflake.
    'x = "MzAbCdEfGhIjKlMnOpQrStUvWx.abcdef.ghijklmnopqrstuvwxyz0123456789"',
    'version: 2024.05.01',
  ],
};

export default detectorRule(detector, 'Discord bot tokens (the id part decodes to a Discord snowflake)');
