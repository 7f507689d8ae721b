// Styles do not exist in jsdom; class names in the markup are what tests look at.
module.exports = {}
