"""Encode a held frame's colour conversion once instead of once per repeated frame.

manim writes a static hold (a ``wait`` with nothing moving) as one frame with a
repeat count, but its segment encoder copies and converts that frame from RGBA to
YUV again for every repeat: at 1080p that is tens of milliseconds per frame of a
pause. Here the frame is copied and converted once and the same YUV frame is sent
for each repeat; the encoder receives identical pictures, so the bytes written are
the same. Installed in the render workers only.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

_installed = False


def install() -> bool:
    """Patch manim's ``VideoSegmentEncoder.write_frame``; False if manim's encoder is
    not shaped as expected (another manim version), in which case nothing changes."""
    global _installed
    if _installed:
        return True
    import av
    from manim.scene import video_segment_encoder

    encoder_class = getattr(video_segment_encoder, "VideoSegmentEncoder", None)
    needed = ("write_frame", "_validate_frame", "_operation_error")
    if encoder_class is None or not all(hasattr(encoder_class, name) for name in needed):
        return False
    original = encoder_class.write_frame

    def write_frame(self: Any, pixels: Any, *, repeat: int = 1) -> None:
        if repeat == 1 or not all(hasattr(self, name) for name in ("_stream", "_container", "_next_pts", "spec")):
            return original(self, pixels, repeat=repeat)
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
            for _ in range(repeat):
                # The encoder keeps its own reference to the frame and its timestamp.
                frame.pts = self._next_pts
                frame.time_base = time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    encoder_class.write_frame = write_frame
    _installed = True
    return True
