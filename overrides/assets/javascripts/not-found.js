/* The 404 page's search box hands its words to the site search in the header, so they
   stay in the browser. (Without this script the form opens the home page with the words
   in its address, ?q=..., and the site search runs there.) */
(function () {
  var form = document.getElementById("not-found-search");
  var query = document.querySelector(".md-header .md-search__input");
  if (!form || !query) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    query.value = form.elements.q.value;
    query.focus(); // the search opens when its box gets focus
    query.dispatchEvent(new Event("input", { bubbles: true })); // and searches as the words change
  });
})();
