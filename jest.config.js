// `npx jest` runs the fast suites: the client (jsdom) and the server (real app, real database).
// The mini-program boot and size tests need the production builds: see jest.boot.config.js.
module.exports = {
  projects: ['<rootDir>/jest.client.config.js', '<rootDir>/server/jest.config.js'],
};
