# zsh zsh-complete.zsh <folder holding _mcp-doctor> <command line>
# Prints the candidates zsh's completion system offers for the line, one per line, sorted: an interactive
# zsh on a pseudo-terminal (zpty) loads the completion from $fpath, the line is typed with a TAB, and
# compadd is wrapped to print each match it is given. The markers are split in the typed text ("<<""c>>")
# so the terminal's echo of the setup lines never looks like output.
zmodload zsh/zpty
dir=$1 line=$2
zpty z zsh -f -i
zpty -w z "PS1='' RPROMPT=''; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false; bindkey "^I" complete-word'
zpty -w z '__begin() { print -r -- "<<""begin>>" }; __end() { print -r -- "<<""end>>" }; compprefuncs=(__begin); comppostfuncs=(__end exit)'
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; local h; for h in $__hits; do print -r -- "<<""c>>$h"; done; builtin compadd "$@" }'
zpty -w -n z "$line"$'\t'
out=''
while zpty -r -t z chunk || sleep 0.02; do
  out+=$chunk
  [[ $out == *'<<end>>'* ]] && break
  (( SECONDS > 20 )) && break
done
zpty -d z
print -r -- ${(F)${(M)${(f)out//$'\r'/}:#'<<c>>'*}#'<<c>>'} | sort -u
