# zsh zsh-complete.zsh <folder holding _mcp-doctor> <command line>
# Prints what the terminal showed while zsh's completion system completed the line: an interactive zsh on
# a pseudo-terminal (zpty) loads the completion from $fpath, the line is typed with a TAB, and compadd is
# wrapped to print each match it is given after a `<<c>>` marker (the caller picks those out). The markers
# are split in the typed text ("<<""c>>") so the terminal's echo of the setup lines never looks like output.
zmodload zsh/zpty
dir=$1 line=$2
zpty z zsh -f -i
zpty -w z "PS1='' RPROMPT=''; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false; bindkey "^I" complete-word'
zpty -w z '__begin() { print -r -- "<<""begin>>" }; __end() { print -r -- "<<""end>>" }; compprefuncs=(__begin); comppostfuncs=(__end exit)'
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; local h; for h in $__hits; do print -r -- "<<""c>>$h"; done; builtin compadd "$@" }'
# Type the line only once the setup has run: zsh may drop typeahead while it is busy (compinit, under load).
await() {
  local out=''
  while (( SECONDS < 20 )); do
    zpty -r -t z chunk && out+=$chunk || sleep 0.02
    [[ $out == *"$1"* ]] && { REPLY=$out; return 0 }
  done
  REPLY=$out
  return 1
}
zpty -w z 'print -r -- "<<""ready>>"'
await '<<ready>>'
zpty -w -n z "$line"$'\t'
await '<<end>>'
zpty -d z
print -r -- "$REPLY"
