set -gx GITHUB_TOKEN (pass show github/token)
set -gx PASSWORD_STORE_DIR ~/.password-store
set -gx SSH_AUTH_SOCK $XDG_RUNTIME_DIR/ssh-agent.socket
set -gx OPENAI_API_KEY $OPENAI_KEY
