// chezmoi's password-manager template functions: a value passed to them is a lookup key for a
// secret held elsewhere, not the secret itself. The one list is src/template/functions.ts's
// (the parser knows them as chezmoi functions); this is its set form for the classifier.
import { PASSWORD_MANAGER_FUNCS } from '../template/functions.js';

export const PASSWORD_MANAGER_FUNCTIONS: ReadonlySet<string> = new Set(PASSWORD_MANAGER_FUNCS);

/** Values that name a secret stored elsewhere: password-manager URIs, sops-nix / systemd secret paths, Home Assistant's `!secret name`. */
export const REFERENCE_VALUE = /^(?:!secret\s+[\w.-]+|op:\/\/[^/\s][^/\n]*\/[^\n]*\S|bw:\/\/\S+|pass:\/\/\S+|keepassxc:\/\/\S+|vault:\/\/\S+|gopass:\/\/\S+|secret:\/\/\S+|(?:\/run\/secrets(?:-for-users)?|\/run\/agenix|%r\/secrets|\$XDG_RUNTIME_DIR\/secrets|\$\{XDG_RUNTIME_DIR\}\/secrets|\/run\/user\/\d+\/secrets)\/\S+|\$\{?config\.sops\.(?:secrets|placeholder)\.\S+|~?\/?[^\s]*\/sops-nix\/secrets\/\S+)$/;
