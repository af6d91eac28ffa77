// The leaks of a realistic dotfiles repository (issue 16), shared by the migrate and one-shot tests:
// hard-coded secrets in the files real dotfiles leak them in, and template data read through
// `with`, `range` and not at all. Fake values, shaped like the real thing.

export const SSH_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBq8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0RjXbAAAAJjM8Q2xzPEN',
  'sQAAAAtzc2gtZWQyNTUxOQAAACBq8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0RjXb',
  'AAAAEBxb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5Kq8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6J',
  'f1Gs8Ta3Ue0RjXbAAAAEHRAeC5leGFtcGxlLmNvbQECAw==',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

/** The realistic leaks of issue 16, relative to the source root: [file, content]. */
export const LITERAL_FILES: [string, string][] = [
  ['dot_config/gh/hosts.yml', 'github.com:\n    user: rain-dev\n    oauth_token: gho_16C7e42F292c6912E7710c838347Ae178B4a\n    git_protocol: ssh\n'],
  ['private_dot_npmrc', '//registry.npmjs.org/:_authToken=npm_Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5K\nfund=false\n'],
  ['private_dot_ssh/private_id_ed25519', `${SSH_KEY}\n`],
  ['private_dot_docker/config.json', '{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "cmFpbjpkY2tyX3BhdF9xOFZ0M0xyMFptNU54N0twMld5OUJjNEhk"\n    }\n  }\n}\n'],
  ['private_dot_kube/config', 'apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IkRmT3JMMnZ6In0.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoiYWRtaW4ifQ.q8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0RjXb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0\n'],
  ['dot_config/rclone/rclone.conf', '[b2]\ntype = b2\naccount = 0025a1b2c3d4e5f0000000001\nkey = K002xQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq\n'],
  ['private_dot_netrc', 'machine api.example.com\n  login rain\n  password Zq7!vR2#mK9pL4xW8nT\n'],
  ['dot_pypirc', '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGY4ZDk3ZTFmLTNlNWMtNGQ3Ny1hYjRkLWQ2ZGE4NmQ5YjUxYgACKlszLCJhYmMiXQAABiBxOFZ0M0xyMFptNU54N0twMld5OUJjNEhk\n'],
  ['dot_zshrc.tmpl', '# shell\nexport EDITOR=vim\nexport OPENAI_API_KEY="sk-proj-Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5KT3BlbkFJq8Vt3Lr0Zm5Nx7Kp2Wy9"\n{{ if eq .chezmoi.os "linux" }}alias ls="ls --color"{{ end }}\n'],
  // Plain text that looks like template syntax, a directive and a `{` right before the secret.
  ['executable_dot_local/bin/executable_deploy', '#!/bin/sh\n# usage: deploy {{ env }} -- chezmoi:template:left-delimiter=[[\ncurl -H "X-Token:{ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qj}" https://x/{{{a}}}\n'],
  // A template with its own delimiters.
  ['dot_config/app.conf.tmpl', '# chezmoi:template:left-delimiter=[[ right-delimiter=]]\nuser = [[ .github.user ]]\ntoken = [ghp_Z9mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qk]\n'],
];

/** Template data with secrets under `with`, `range` and unread keys (`.chezmoidata.yaml` of the shapes test). */
export const SHAPES_DATA = [
  'editor: vim',
  '',
  '# AWS profiles',
  'aws:',
  '  personal:',
  '    access_key: AKIAZ3MEXQ7V4PLR2J6N',
  '    secret_key: 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',
  'mail:',
  '  accounts:',
  '    - name: work',
  '      password: Wc9eMb2rXa7gUz4kPq6L',
  '    - name: home',
  '      password: Hf3uYq8cTj6wNp1sKd5V',
  '',
  '# OpenAI (no template reads it yet)',
  'openai:',
  '  api_key: sk-proj-Xb4kQ9vTz2LmR7wPc8NfY3hJd6Sa1Gq0Ue5KT3BlbkFJq8Vt3Lr0Zm5Nx7Kp2Wy9',
  '',
  '# API tokens',
  'tools:',
  '  token: glpat-Xb4kQ9vTz2LmR7wPc8Nf',
  '',
  '# keys of the shell',
  'shell_token: ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi',
  'shell_name: zsh',
  '',
].join('\n');

export const SHAPES_TEMPLATES: Record<string, string> = {
  'dot_aws_creds.tmpl': '{{ with .aws.personal }}[personal]\naws_access_key_id = {{ .access_key }}\naws_secret_access_key = {{ .secret_key }}\n{{ else }}none\n{{ end }}{{ if not .aws.personal }}missing{{ end }}\n',
  'dot_mailrc.tmpl': '{{ range .mail.accounts }}account {{ .name }}\npassword {{ .password | quote }}\n{{ end }}{{ range $a := .mail.accounts }}{{ $a.name }}={{ $a.password }};{{ end }}\n',
  'dot_tools.tmpl': '{{ if hasKey . "tools" }}tools: {{ .tools.token }}{{ end }}\n{{ .shell_token }} {{ .shell_name }}\n',
};

