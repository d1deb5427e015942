from django.shortcuts import render


def index(request):
    return render(request, "annual_reports/index.html")
