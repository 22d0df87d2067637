"""Getting data out of Mend in standard shapes: FHIR R4B today (`mend.interop.fhir`)."""
