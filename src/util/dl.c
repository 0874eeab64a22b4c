/*
 * dl.c - libraries loaded when first needed.
 */
#include "util/dl.h"

#include <dlfcn.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int bind_all(struct dl_lib *lib, struct rd_err *e)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return err_set(e, RD_EIO, "", NULL, "%s needs %s, which cannot be loaded: %s",
			       lib->what, lib->soname, dlerror());
	for (size_t i = 0; i < lib->n; i++) {
		void *f = dlsym(h, lib->names[i]);

		if (!f)
			return err_set(e, RD_EIO, "", NULL, "%s needs %s from %s, which lacks it",
				       lib->what, lib->names[i], lib->soname);
		*lib->fns[i] = f;
	}
	return 0;	/* the library stays loaded for the life of the process */
}

int dl_bind(struct dl_lib *lib, struct rd_err *e)
{
	int rc;

	pthread_mutex_lock(&lock);
	if (!lib->state)
		lib->state = bind_all(lib, e) ? -1 : 1;
	else if (lib->state < 0)
		err_set(e, RD_EIO, "", NULL, "%s needs %s, which cannot be loaded", lib->what,
			lib->soname);
	rc = lib->state > 0 ? 0 : -1;
	pthread_mutex_unlock(&lock);
	return rc;
}
