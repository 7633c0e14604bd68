from __future__ import annotations

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from api.http.params import PathId
from api.schemas.me import DeviceIn
from gamification.notifications.devices import DeviceView, PushDevices


class MyDevicesController(Controller):
    path = "/api/v1/me/devices"
    tags = ["me"]

    @post("/", opt={"audit": False})
    async def register(
        self, request: Request, data: JSONBody[DeviceIn], push_devices: NamedDependency[PushDevices]
    ) -> DeviceView:
        """Registers this phone for push notifications; a token registered before by someone else moves to the caller."""
        return await push_devices.register(request.user, data.token, data.platform)

    @get("/")
    async def list(self, request: Request, push_devices: NamedDependency[PushDevices]) -> list[DeviceView]:
        """The caller's registered phones."""
        return await push_devices.list(request.user)

    @delete("/{device_id:int}", opt={"audit": False})
    async def remove(self, request: Request, device_id: PathId, push_devices: NamedDependency[PushDevices]) -> None:
        """Stops push to this phone (on sign-out); another person's device answers 404."""
        await push_devices.remove(request.user, device_id)
