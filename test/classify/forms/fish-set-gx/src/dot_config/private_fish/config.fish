if status is-interactive
    set -gx EDITOR nvim
    set -gx BORG_PASSPHRASE 'Lm4-qz9Rt-Xw2'
    set -Ux OPENWEATHER_TOKEN axvtqnvvwymdxxws
end
