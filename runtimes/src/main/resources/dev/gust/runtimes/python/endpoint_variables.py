"""Makes a botocore too old to read AWS_ENDPOINT_URL (before 1.31: Debian 12 ships 1.29) honour it, and
AWS_ENDPOINT_URL_<SERVICE>, as newer ones do, so that unmodified boto3 code in a function reaches Gust.

Gust's Python bootstrap runs this file once, right after the function imported botocore.session, and calls
honour_endpoint_variables with that module. Kept out of the bootstrap so that functions that never import boto3
do not even compile it.
"""

import os


def honour_endpoint_variables(session_module):
    """Wraps Session.create_client to default endpoint_url, unless this botocore reads the variables itself."""
    from botocore import configprovider
    if "ignore_configured_endpoint_urls" in getattr(configprovider, "BOTOCORE_DEFAUT_SESSION_VARIABLES", {}):
        return  # botocore 1.31 or later
    create_client = session_module.Session.create_client

    def create_client_at_configured_endpoint(self, service_name, *args, **kwargs):
        # endpoint_url is create_client's sixth parameter: five positional arguments after the name would set it
        if len(args) < 5 and kwargs.get("endpoint_url") is None:
            api_version = args[1] if len(args) > 1 else kwargs.get("api_version")
            endpoint_url = configured_endpoint_url(self, service_name, api_version)
            if endpoint_url:
                kwargs["endpoint_url"] = endpoint_url
        return create_client(self, service_name, *args, **kwargs)

    session_module.Session.create_client = create_client_at_configured_endpoint


def configured_endpoint_url(session, service_name, api_version):
    """AWS_ENDPOINT_URL_<SERVICE ID>, else AWS_ENDPOINT_URL, as botocore 1.31 reads them (unless told to ignore them)."""
    if os.environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true":
        return None
    try:
        service_id = session.get_service_model(service_name, api_version).service_id.hyphenize()
    except Exception:
        service_id = service_name  # an unknown service: create_client reports it
    variable = "AWS_ENDPOINT_URL_" + service_id.replace("-", "_").upper()
    return os.environ.get(variable) or os.environ.get("AWS_ENDPOINT_URL")
