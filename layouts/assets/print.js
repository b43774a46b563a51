/*
 * 【打印】 on issue and item pages: the browser's print dialog, which prints the page in its print
 * form (layouts/styles/print.css: the bulletin on A4 as GB/T 9704 sets it). A file, not an inline
 * handler: the pages' Content-Security-Policy runs no inline script. Written in ES5 for older phones.
 */
(function () {
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function () {
      window.print();
    });
  }
})();
