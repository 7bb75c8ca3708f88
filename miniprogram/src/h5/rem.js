/*
 * The root font size of Taro's H5 build (its template used to inline this script; the server's
 * Content-Security-Policy allows no inline script, so it is a file: docs/security.md).
 * Same rule as Taro's default for designWidth 750: 40 px at a 750 px wide viewport, 20–40 px.
 */
/* global window */
;(function (n) {
  function f() {
    var e = n.document.documentElement
    var r = e.getBoundingClientRect()
    var arr = [r.width, r.height].filter(function (value) {
      return Boolean(value)
    })
    var w = Math.min.apply(Math, arr)
    var x = (40 * w) / 750
    e.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : x + 'px'
  }
  n.addEventListener('resize', function () {
    f()
    setTimeout(f, 500)
  })
  f()
})(window)
