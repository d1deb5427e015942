from django.shortcuts import redirect, render

from catalog.filters import ItemFilter

from . import misses, services
from .facets import count_facets
from .forms import SearchForm


def results(request):
    form = SearchForm(request.GET)
    item_filter = ItemFilter(request.GET)
    context = {"form": form, "filter": item_filter, "search_query": request.GET.get("q", "")}
    if not form.is_valid() or not form.words:
        return render(request, "search/results.html", context)
    item = misses.find_by_index_number(form.cleaned_data["q"])
    if item is not None:
        return redirect(item)
    item_filter.is_valid()  # a value that is not a valid choice is left out of the filtering
    filtered = any(item_filter.form.cleaned_data.values())
    page = form.cleaned_data["page"] or 1
    search_results = services.search(item_filter.qs, form.words, form.cleaned_data["sort"], page, filtered)
    if search_results.count == 0:
        if search_results.page == 1:
            misses.record_miss(form.cleaned_data["q"])
        search_results.suggestions = misses.suggestions(form.words, filtered)
    facets = count_facets(search_results, item_filter, request.GET) if search_results.count else None
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context.update(
        search_results=search_results, facets=facets, query_string=query_string.urlencode(), filtered=filtered
    )
    return render(request, "search/results.html", context)
