// One-shot initialisation of the compose installation's MongoDB, run by the
// mongo-init service with mongosh. Safe to run again: it initiates replica set
// rs0 only once and creates or updates one user per service database, so a
// password changed in its secret file takes effect on the next `docker compose up`.
const fs = require("fs");

const rootPassword = fs.readFileSync(process.env.MONGO_ROOT_PASSWORD_FILE, "utf8").trim();
const admin = db.getSiblingDB("admin");
admin.auth("root", rootPassword);

const NOT_YET_INITIALIZED = 94;
try {
  rs.status();
  print("replica set rs0 already initiated");
} catch (err) {
  if (err.code !== NOT_YET_INITIALIZED) {
    throw err;
  }
  // The member is named by its service name so the applications' URIs
  // (mongo:27017, replicaSet=rs0) resolve it on the backend network.
  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] });
  print("replica set rs0 initiated");
}

const deadline = Date.now() + 60 * 1000;
while (!admin.runCommand({ hello: 1 }).isWritablePrimary) {
  if (Date.now() > deadline) {
    throw new Error("rs0 has no writable primary after 60 s");
  }
  sleep(1000);
}

function readPassword(name) {
  const passwordFile = `${process.env.MONGO_PASSWORDS_DIR}/mongo_${name}_password`;
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  if (!password) {
    throw new Error(`${passwordFile} is empty`);
  }
  return password;
}

function keepUser(database, user, roles) {
  const password = readPassword(user);
  if (database.getUser(user)) {
    database.updateUser(user, { pwd: password, roles: roles });
    print(`user ${user} updated`);
  } else {
    database.createUser({ user: user, pwd: password, roles: roles });
    print(`user ${user} created`);
  }
}

// Each service reads and writes its own database only (PRODUCT.md §2).
for (const service of ["evaluation", "survey", "training", "gateway"]) {
  keepUser(db.getSiblingDB(`cadre360_${service}`), service, [{ role: "readWrite", db: `cadre360_${service}` }]);
}
// The nightly backup reads every database and writes none (built-in role "backup").
keepUser(admin, "backup", [{ role: "backup", db: "admin" }]);
