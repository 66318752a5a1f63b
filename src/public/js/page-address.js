// A form refused at a POST-only address (".../delete") is shown again there; the page names the
// form's own address, and the address bar shows that one, so it can be bookmarked or reopened.
(function () {
  var meta = document.querySelector('meta[name="page-address"]');
  if (!meta || !window.history || !window.history.replaceState) return;
  var address = meta.getAttribute('content');
  if (address && address.charAt(0) === '/' && address.charAt(1) !== '/')
    window.history.replaceState(null, '', address);
})();
