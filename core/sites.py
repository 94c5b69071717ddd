"""The site's address, for absolute links in e-mails: the web layer reads it from the request
and passes it to the services, which never see a request."""


def site_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"
