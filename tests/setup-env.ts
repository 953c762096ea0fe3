// Unit and integration tests never touch the developer's database.
process.env.NODE_ENV = 'test'
process.env.TZ = 'UTC'
