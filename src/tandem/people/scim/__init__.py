"""SCIM 2.0 provisioning of people by a company's directory (see ``views``)."""
