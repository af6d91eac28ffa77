Set-PSReadLineOption -EditMode Emacs
$env:EDITOR = "nvim"
$env:RESTIC_PASSWORD = "amber.falcon.river"
Import-Module posh-git
