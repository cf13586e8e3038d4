# What the browser tests share (sourced after `fail` and $tmp are set):
# finds headless Chromium ($CHROMIUM, else chromium or chromium-browser on the
# PATH) into $chrome, exiting 77 (skipped) when there is none unless
# DEALGRAPH_REQUIRE_CHROMIUM=1, and sets $chrome_flags: a throwaway profile in
# $tmp/profile and everything that would reach the network turned off.
chrome=${CHROMIUM:-}
if [ -z "$chrome" ]; then
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then chrome=$(command -v "$c"); break; fi
  done
fi
if [ -z "$chrome" ]; then
  [ "${DEALGRAPH_REQUIRE_CHROMIUM:-0}" = 1 ] && fail "chromium is not installed (DEALGRAPH_REQUIRE_CHROMIUM=1)"
  echo "SKIP: chromium is not installed"
  exit 77
fi
chrome_flags=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check
  --user-data-dir="$tmp/profile" --disable-background-networking --disable-component-update
  --disable-sync --disable-default-apps --disable-extensions --disable-breakpad
  --disable-domain-reliability --no-pings --metrics-recording-only --mute-audio
  --disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication
  --hide-scrollbars)
