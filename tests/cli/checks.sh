# The checks the command-line test scripts share (sourced, after setting
# $bin, the dealgraph binary, and $tmp, a scratch folder).
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run NAME WANT_EXIT ARGS...: runs dealgraph ARGS, keeps stdout in $out and stderr in $err.
run() {
  local name=$1 want=$2
  shift 2
  out=$("$bin" "$@" 2>"$tmp/err")
  local rc=$?
  err=$(cat "$tmp/err")
  [ "$rc" -eq "$want" ] || fail "$name: exit $rc, want $want (stderr: ${err:0:300})"
}
has() { grep -qF -- "$2" <<<"$out" || fail "$1: output lacks '$2'"; }
lacks() { grep -qF -- "$2" <<<"$out" && fail "$1: output has '$2'"; }
err_has() { grep -qF -- "$2" <<<"$err" || fail "$1: stderr lacks '$2' (got: ${err:0:300})"; }
