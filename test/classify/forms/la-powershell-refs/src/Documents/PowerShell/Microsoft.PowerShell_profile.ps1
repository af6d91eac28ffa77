$env:GITHUB_TOKEN = (Get-Secret -Name gh -AsPlainText)
$env:OPENAI_API_KEY = $env:OPENAI_KEY_FROM_VAULT
$env:PASSWORD_STORE_DIR = "$HOME\.password-store"
