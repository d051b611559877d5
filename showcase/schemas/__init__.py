"""The validated shape of each kind of record, shared by the API, the importer and the seed loader."""

from showcase.schemas.cluster import ClusterSchema, ClusterSummarySchema
from showcase.schemas.innovation import InnovationSchema, InnovationSummarySchema
from showcase.schemas.kiosk import KioskSchema, KioskTokenSchema
from showcase.schemas.organisation import OrganisationSchema, OrganisationSummarySchema
from showcase.schemas.programme import ProgrammeSessionSchema
from showcase.schemas.project import ProjectSchema, ProjectSummarySchema
from showcase.schemas.representation import CANONICAL, Representation, represented_as
from showcase.schemas.stand import FloorPlanSchema, StandSchema, StandSummarySchema

# The schemas of whole directory records, by the kind's name, in dependency order.
RECORD_SCHEMAS = {
    "clusters": ClusterSchema,
    "organisations": OrganisationSchema,
    "projects": ProjectSchema,
    "innovations": InnovationSchema,
    "stands": StandSchema,
    "programme": ProgrammeSessionSchema,
    "kiosks": KioskSchema,
}

__all__ = [
    "CANONICAL", "ClusterSchema", "ClusterSummarySchema", "FloorPlanSchema", "InnovationSchema",
    "InnovationSummarySchema", "KioskSchema", "KioskTokenSchema", "OrganisationSchema", "OrganisationSummarySchema", "ProgrammeSessionSchema",
    "ProjectSchema", "ProjectSummarySchema", "RECORD_SCHEMAS", "Representation", "StandSchema",
    "StandSummarySchema", "represented_as",
]
