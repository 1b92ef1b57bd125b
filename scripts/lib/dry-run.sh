# shellcheck shell=bash
# Sourced by the AWS scripts: aws_call runs an AWS CLI call, or, once the script sets dry_run=true,
# prints it on one line, quoted for a POSIX shell, so that it can be pasted as it is. A dry run needs
# no aws binary and no credentials.
dry_run=false

# A word as the shell reads it back: bare when it has no special characters, else in single quotes.
shell_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

aws_call() {
  if ${dry_run}; then
    local word line=aws
    for word in "$@"; do
      line+=" $(shell_quote "${word}")"
    done
    printf '%s\n' "${line}"
  else
    aws "$@"
  fi
}
