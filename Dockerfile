# syntax=docker/dockerfile:1
# One Raft3D node. `docker build .` (or `docker compose up`) compiles it in the official SDK image and runs it
# on the official runtime-deps image, self-contained. Where no registry is reachable, publish on the host and
# build the `prebuilt` target on a local base instead (deploy/build-image.sh does both steps):
#   dotnet publish Raft3D.Node -c Release -r linux-x64 --self-contained -o deploy/out
#   docker build --target prebuilt --build-arg BASE_IMAGE=localhost/raft3d-base:bookworm -t raft3d-node .
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0

FROM ${SDK_IMAGE} AS publish
WORKDIR /src
COPY . .
RUN dotnet publish Raft3D.Node/Raft3D.Node.csproj -c Release -r linux-x64 --self-contained -o /out -nologo

FROM ${BASE_IMAGE} AS runtime
# A fixed uid, so a volume's owner and a Kubernetes fsGroup can name it.
RUN groupadd --gid 10001 raft3d \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /data --shell /usr/sbin/nologin raft3d \
 && mkdir -p /data \
 && chown 10001:10001 /data
# Everything else comes from the environment (Raft3D__NodeId, Raft3D__HttpUrl, Raft3D__RaftUrl,
# Raft3D__Members__0__Id, ...); these are what every container shares. Invariant globalization: the node
# formats nothing by culture, and the image needs no ICU.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    Raft3D__DataDirectory=/data \
    Raft3D__HttpUrl=http://0.0.0.0:8080 \
    Raft3D__RaftUrl=http://0.0.0.0:9000
VOLUME /data
EXPOSE 8080 9000
USER 10001:10001
WORKDIR /data
# The node answers --health-check by asking its own /readyz, so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["/app/Raft3D.Node", "--health-check"]
# SIGTERM (docker stop, a rolling restart): a leader steps down and waits briefly for a successor before exiting.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/Raft3D.Node"]

FROM runtime AS prebuilt
COPY --chown=0:0 deploy/out/ /app/

FROM runtime AS node
COPY --from=publish --chown=0:0 /out/ /app/
