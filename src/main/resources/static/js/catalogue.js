// The catalogue's search box filters the cards as one types; without JavaScript the form is a GET query (/?q=…)
// that the server filters the same way (HomeController): every word in the card's text, accents and case aside.
(function () {
  var input = document.getElementById('q');
  if (!input) {
    return;
  }
  var none = document.getElementById('catalogue-none');
  var count = document.getElementById('catalogue-count');
  function normalize(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function filter() {
    var words = normalize(input.value).split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    document.querySelectorAll('.guichet-category').forEach(function (category) {
      var visible = 0;
      category.querySelectorAll('.guichet-card-cell').forEach(function (cell) {
        var text = cell.getAttribute('data-search') || '';
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        cell.hidden = !match;
        if (match) {
          visible++;
        }
      });
      category.hidden = visible === 0;
      shown += visible;
    });
    if (none) {
      none.hidden = shown > 0;
    }
    if (count) {
      count.textContent = shown + (shown > 1 ? ' demandes' : ' demande');
    }
  }
  input.addEventListener('input', filter);
})();
