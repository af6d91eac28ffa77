// chezmoi's password-manager template functions: a value passed to them is a lookup key for a
// secret held elsewhere, not the secret itself.
export const PASSWORD_MANAGER_FUNCTIONS: ReadonlySet<string> = new Set([
  'onepassword', 'onepasswordRead', 'onepasswordDocument', 'onepasswordDetailsFields', 'onepasswordItemFields',
  'bitwarden', 'bitwardenFields', 'bitwardenAttachment', 'bitwardenAttachmentByRef', 'bitwardenSecrets',
  'rbw', 'rbwFields', 'pass', 'passRaw', 'passFields', 'gopass', 'gopassRaw',
  'keepassxc', 'keepassxcAttribute', 'keepassxcAttachment', 'lastpass', 'lastpassRaw',
  'vault', 'secret', 'secretJSON', 'keyring', 'awsSecretsManager', 'awsSecretsManagerRaw', 'azureKeyVault',
  'doppler', 'dopplerProjectJson', 'dashlanePassword', 'dashlaneNote', 'keeper', 'keeperDataFields', 'keeperFindPassword',
  'ejsonDecrypt', 'ejsonDecryptWithKey', 'passhole', 'protonPass', 'protonPassJSON', 'hcpVaultSecret', 'hcpVaultSecretJson',
  'decrypt',
]);

/** Values that name a secret stored elsewhere: password-manager URIs and sops-nix / systemd secret paths. */
export const REFERENCE_VALUE = /^(?:op:\/\/\S+|bw:\/\/\S+|pass:\/\/\S+|keepassxc:\/\/\S+|vault:\/\/\S+|gopass:\/\/\S+|secret:\/\/\S+|(?:\/run\/secrets(?:-for-users)?|\/run\/agenix|%r\/secrets|\$XDG_RUNTIME_DIR\/secrets|\$\{XDG_RUNTIME_DIR\}\/secrets|\/run\/user\/\d+\/secrets)\/\S+|\$\{?config\.sops\.(?:secrets|placeholder)\.\S+|~?\/?[^\s]*\/sops-nix\/secrets\/\S+)$/;
