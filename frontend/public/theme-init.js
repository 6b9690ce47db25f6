// Runs before the first paint (an external file: the Content-Security-Policy allows no inline script), so a dark
// theme never flashes light.
(function () {
  try {
    var t = localStorage.getItem('mockupaws.theme');
    var dark = t ? t === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
    if (dark) document.documentElement.classList.add('dark');
    var l = localStorage.getItem('mockupaws.locale');
    if (l) document.documentElement.lang = l;
  } catch (e) { /* storage disabled: light theme */ }
})();
