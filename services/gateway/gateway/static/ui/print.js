/* Buttons marked data-print open the browser's print dialog (the page's print stylesheet keeps the
 * content and drops the navigation). Without scripts the button does nothing and Ctrl+P still works. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
