"""Practice outcomes (issue 7, point 7): de-identified figures across clients.

`rules` holds the pure rules (NHS Talking Therapies paired outcomes,
reliable change per questionnaire, the jar balance trend, small-cell
suppression, the period asked for); `service` loads what they need for a
whole practice in a few aggregate queries; `routes` serves the page and the API.
"""
