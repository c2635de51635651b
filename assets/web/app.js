// hostmatch pages: small enhancements only; every page works without this file.
// Forms marked data-confirm ask before they post (account deletion, removing a rule).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

/* == search == */
// Live filtering (htmx): blank fields leave the request, so the URL pushed is the API's
// query; a 422 (a value that cannot be searched) is swapped in too, to show its errors.
document.addEventListener("htmx:configRequest", function (event) {
  var form = event.detail.elt;
  if (!form || !form.hasAttribute || !form.hasAttribute("data-live")) {
    return;
  }
  var params = event.detail.parameters;
  if (params instanceof FormData) {
    var blank = [];
    params.forEach(function (value, key) {
      if (value === "") {
        blank.push(key);
      }
    });
    blank.forEach(function (key) {
      params.delete(key);
    });
  } else {
    Object.keys(params).forEach(function (key) {
      if (params[key] === "") {
        delete params[key];
      }
    });
  }
});
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
