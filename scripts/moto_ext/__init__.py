"""The project's local AWS endpoint: moto, plus Greengrass V2, finishing V1 deployments and ResetDeployments.

Run it as moto itself is run: ``python3 -m moto_ext -H 127.0.0.1 -p PORT`` (with this folder's parent on PYTHONPATH).
"""
