/*
 * Text size switch (字号：标准 / 大 / 特大), remembered in localStorage. Loaded in <head> without
 * defer, so the saved size is on <html> before the first paint and nothing jumps. Written in
 * ES5 for older phones; when storage is blocked the choice still holds for the page.
 */
(function () {
  var KEY = 'bulletin-text-size';
  var SIZES = ['standard', 'large', 'x-large'];
  var root = document.documentElement;
  var current = 'standard';

  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }

  function apply(size) {
    current = SIZES.indexOf(size) > 0 ? size : 'standard';
    if (current === 'standard') root.removeAttribute('data-text-size');
    else root.setAttribute('data-text-size', current);
    var buttons = document.querySelectorAll('[data-text-size-option]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('data-text-size-option') === current));
    }
  }

  root.className += ' js';
  apply(stored());
  // The buttons are parsed after this runs: mark the chosen one once they exist.
  document.addEventListener('DOMContentLoaded', function () {
    apply(current);
  });
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-text-size-option]') : null;
    if (!button) return;
    apply(button.getAttribute('data-text-size-option'));
    try {
      localStorage.setItem(KEY, current);
    } catch (e) {
      /* storage blocked: the size holds until the page is left */
    }
  });
  // Another tab changed it.
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) apply(event.newValue);
  });
})();
