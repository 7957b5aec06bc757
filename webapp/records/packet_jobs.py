"""A large records packet, built by a job with its progress on the page (decision 0020).

Typst sets a packet in one pass (fonts embedded once, one tagged PDF/A-UA structure); a
document alone takes it about 20 ms, up to 50 with long answers or a cold compiler, so
past LARGE documents a packet can take over a second and the packet button starts this
job instead of building in the request. The count follows the documents as they are
prepared (each as the reader may see it, filed copies as filed); typesetting them
together is the last step and says so.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from .. import access
from ..documents import packet
from ..progress import tracking

LARGE = 20  # more documents than this: a job


def documents_counted(done: int, total: int) -> str:
    return ngettext("%(done)d of %(num)d document", "%(done)d of %(num)d documents", total,
                    done=done)


def start(partnership):
    """Build the packet of `partnership` for the current reader, once the caller commits."""
    return tracking.start("records_packet", {"partnership_id": partnership.id})


def _still_good(job):
    from .views import refusal_of_built_packet  # the views start this job

    return refusal_of_built_packet(job.subject["partnership_id"], job.result["fingerprint"])


@tracking.task("records_packet", title=_l("Records packet"), counted=documents_counted,
               finished="records/_packet_job.html", check_download=_still_good)
def build(job, progress) -> None:
    """The packet, as the packet button would have built it in the request."""
    from .views import download_name, fingerprint, packet_contents

    partnership = access.partnership_for_view(job.subject["partnership_id"])
    contents = packet_contents(partnership, progress)
    count = len(contents["documents"])
    if not count:
        raise tracking.Failed(_("There is no document to put in a packet yet."))
    progress.say(ngettext("Typesetting the document into one PDF…",
                          "Typesetting the %(num)d documents into one PDF…", count))
    data = packet.render(contents)
    tracking.keep_result(job, data, download_name(contents["title"], "pdf"))
    job.result = {"documents": count, "size_kb": len(data) // 1024,
                  "fingerprint": fingerprint(contents)}
